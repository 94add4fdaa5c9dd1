"""Pure builders of what the learner sees: text (Telegram HTML) and inline buttons."""
