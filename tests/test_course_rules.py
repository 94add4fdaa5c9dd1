"""Every course rule can fail, and the shipped course breaks none of them."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from bot.views.steps import CHILD_SAFE_REMINDER, step_screen
from lessons.loader import DEFAULT_COURSE_DIR, check, load_course
from lessons.markup import plain
from lessons.models import Course, QuizStep, ReadStep, ReflectStep
from lessons.rules import check_course, drop_minutes
from lessons.sources import Library, Passage, general_cards, is_quoted_from, quotations

QUIZ = {"kind": "quiz", "id": "x", "question": "Which?", "options": [
    {"text": "Right", "correct": True, "why": "Because."}, {"text": "Wrong", "why": "Not so."}]}


def _drop(n: int, module: str = "m", extra: list[dict[str, Any]] | None = None,
          outcomes: tuple[str, ...] = ("o1",)) -> dict[str, Any]:
    options = QUIZ["options"] if n % 2 else QUIZ["options"][::-1]  # the right answer's place varies
    steps = [{"kind": "read", "id": f"{module}-d{n}-c1", "text": "A short card."},
             {**QUIZ, "id": f"{module}-d{n}-q1", "options": options}]
    return {"id": f"{module}-d{n}", "title": f"Drop {n}", "outcomes": list(outcomes),
            "steps": (extra or []) + steps}


def _module(drops: int = 8, **changes: Any) -> dict[str, Any]:
    items = [_drop(n) for n in range(1, drops + 1)]
    items[0]["steps"].insert(0, {"kind": "confidence", "id": "m-cb", "statement": "s1", "phase": "before"})
    items[-1]["steps"] += [{"kind": "confidence", "id": "m-ca", "statement": "s1", "phase": "after"},
                           {"kind": "feedback", "id": "m-fb", "prompt": "What helped you?"}]
    module = {"id": "mm", "number": 1, "title": "T", "aim": "A", "outcomes": [{"id": "o1", "text": "O"}],
              "confidence": [{"id": "s1", "text": "I can"}], "drops": items}
    return {**module, **changes}


def _rules(module: dict[str, Any]) -> list[str]:
    course = Course.model_validate({"id": "c1", "title": "C", "modules": [module]})
    return [f"{f.item}: {f.rule}" for f in check_course(course)]


def test_a_well_formed_module_passes() -> None:
    assert _rules(_module()) == []


def test_the_right_answer_may_not_sit_in_one_place_in_most_quizzes() -> None:
    module = _module()
    for drop in module["drops"]:
        for step in drop["steps"]:
            if step["kind"] == "quiz":
                step["options"] = QUIZ["options"]  # every right answer is A
    assert "mm: the right answer is option A in 8 of 8 quizzes; vary its place so it cannot be guessed" \
        in _rules(module)


def test_the_right_answer_may_not_be_the_longest_option_in_most_quizzes() -> None:
    module = _module()
    for drop in module["drops"]:
        for step in drop["steps"]:
            if step["kind"] == "quiz":
                step["options"] = [{**o, "text": "The right one, explained with care"} if o.get("correct")
                                   else o for o in step["options"]]
    assert ("mm: the right answer is the longest option in 8 of 8 quizzes; give the wrong options the "
            "same care and length") in _rules(module)


def test_labels_us_spelling_and_prompts_not_spoken_to_the_learner_are_refused() -> None:
    module = _module()
    module["drops"][0]["steps"][-2]["text"] = "Our LAC pupils need a favorite adult to organize their day."
    prompt = {"kind": "reflect", "id": "m-d2-r9", "prompt": "What helps pupils?"}
    module["drops"][1]["steps"].insert(1, prompt)
    rules = _rules(module)
    assert ("m-d1-c1: says 'LAC': use 'care-experienced' or the pupil's name, not a label from paperwork"
            in rules)
    assert "m-d1-c1: 'favorite' is not UK spelling" in rules
    assert "m-d1-c1: 'organize' is not UK spelling" in rules
    assert "m-d2-r9: a prompt speaks to the learner: ask about 'you' and 'your' practice" in rules
    module["drops"][0]["steps"][-2]["text"] = "A prize for the right size: citizens seize the day."
    assert not [r for r in _rules(module) if "m-d1-c1" in r]


def test_module_size_is_eight_to_twelve_drops() -> None:
    assert any("mm: has 7 drops" in r for r in _rules(_module(drops=7)))


def test_a_drop_must_end_with_a_quiz_or_a_reflection() -> None:
    module = _module()
    module["drops"][2]["steps"].append({"kind": "read", "id": "late-card", "text": "More."})
    assert "m-d3: must end with a quiz check or a reflective prompt" in _rules(module)


def test_long_cards_and_long_drops_are_refused() -> None:
    module = _module()
    module["drops"][1]["steps"][0]["text"] = "word " * 130
    module["drops"][3]["steps"] = [{"kind": "read", "id": f"long-{i}", "text": "word " * 110}
                                   for i in range(6)] + module["drops"][3]["steps"]
    rules = _rules(module)
    assert any(r.startswith("m-d2-c1: card is 649 characters") for r in rules)
    assert any(r.startswith("m-d4: takes 3.") for r in rules)


def test_every_outcome_needs_two_drops_and_a_check() -> None:
    module = _module(outcomes=[{"id": "o1", "text": "O"}, {"id": "o2", "text": "P"}])
    module["drops"][0]["outcomes"] = ["o1", "o2"]
    assert "o2: is served by 1 drop(s); every outcome needs at least 2" in _rules(module)


def test_confidence_opens_and_closes_each_module_and_feedback_closes_it() -> None:
    module = _module()
    module["drops"][-1]["steps"] = [s for s in module["drops"][-1]["steps"] if s["kind"] != "feedback"]
    module["drops"][0]["steps"] = module["drops"][0]["steps"][1:]
    rules = _rules(module)
    assert "m-d1: the module's first drop must rate every confidence statement 'before'" in rules
    assert "m-d8: the module's last drop must ask for feedback" in rules


def test_prompts_never_ask_for_details_of_a_child() -> None:
    module = _module()
    module["drops"][4]["steps"].append(
        {"kind": "reflect", "id": "bad-prompt", "prompt": "Write the name of the child you support."})
    assert any(r.startswith("bad-prompt: a reflective prompt must ask about the learner's own practice")
               for r in _rules(module))


def test_an_acronym_is_spelled_out_the_first_time() -> None:
    module = _module()
    module["drops"][0]["steps"][1]["text"] = "Read about GIRFEC today."
    module["drops"][1]["steps"][0]["text"] = "Getting it right for every child (GIRFEC) again."
    assert any(r.startswith("m-d1-c1: spell out GIRFEC") for r in _rules(module))
    module["drops"][0]["steps"][1]["text"] = "Getting it right for every child (GIRFEC) first."
    assert _rules(module) == []


def test_the_shipped_course_breaks_no_rule() -> None:
    course, problems = check(DEFAULT_COURSE_DIR)
    assert problems == [] and course is not None
    assert [len(m.drops) for m in course.modules] == [12, 10, 12]


def test_every_shipped_reflective_prompt_reminds_not_to_identify_a_child() -> None:
    course = load_course()
    prompts = [(m, d, s) for m in course.modules for d in m.drops for s in d.steps
               if isinstance(s, ReflectStep)]
    assert len(prompts) >= 10
    assert all(CHILD_SAFE_REMINDER in step_screen(*p).text for p in prompts)


def test_every_shipped_drop_reads_in_three_minutes() -> None:
    course = load_course()
    assert max(drop_minutes(d) for m in course.modules for d in m.drops) <= 3.0


def test_preview_prints_a_module_as_a_learner_reads_it_with_every_answer_and_its_reason(
        capsys: pytest.CaptureFixture[str]) -> None:
    from bot.desk.cli import main

    assert main(["preview", "1"]) == 0
    out = capsys.readouterr().out
    course = load_course()
    quiz = next(s for d in course.modules[0].drops for s in d.steps if isinstance(s, QuizStep))
    assert out.startswith(f"Module 1: {course.modules[0].title}")
    assert f"Drop 1 of {len(course.modules[0].drops)}" in out
    for option in quiz.options:  # the reasons for wrong answers too, for a reviewer to check
        # After "A is right." a reason's opening "Yes." is dropped; the rest is read as written.
        assert option.why.split(" ", 1)[1] in out
    card = next(s for s in course.modules[0].drops[0].steps if isinstance(s, ReadStep))
    assert f"[source: {'; '.join(card.sources)}]" in out
    assert main(["preview", "9"]) == 2
    assert "There is no module 9; the course has modules 1, 2, 3." in capsys.readouterr().out


@pytest.mark.parametrize(("change", "message"), [
    (lambda m: m["drops"][2].update(outcomes=["o9"]), "names outcome 'o9', not one of this module's"),
    (lambda m: m["drops"][2].update(outcomes=[]), r"outcomes\n  List should have at least 1 item"),
    (lambda m: m["drops"][2]["steps"][-1].update(
        options=[{"text": "A", "correct": True}, {"text": "B", "why": "Not so."}]), "why"),
])
def test_schema_rules_name_what_is_wrong(change: Any, message: str) -> None:
    from pydantic import ValidationError

    module = _module()
    change(module)
    with pytest.raises(ValidationError, match=message):
        _rules(module)


def _shipped_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    shutil.copytree(DEFAULT_COURSE_DIR, folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _problems(folder: Path) -> list[str]:
    return [str(p) for p in check(folder)[1]]


def test_a_quotation_must_be_word_for_word_a_listed_passage(tmp_path: Path) -> None:
    folder = _shipped_copy(tmp_path)
    _edit(folder / "module-1.yaml", "“We've had nothing”", "“We've had nothing.”")
    _edit(folder / "module-3.yaml", "“[r]aised my", "“raised my")
    _edit(folder / "module-2.yaml", "‘What happened?’", "“What happened?”")
    problems = _problems(folder)
    assert any(p.startswith("module-1.yaml: m1-d1-c2: quotes “We've had nothing.”, which is not word for "
                            "word a passage in sources.yaml") for p in problems)
    assert any(p.startswith("module-3.yaml: m3-d9-c1: quotes “raised my") for p in problems)
    assert any(p.startswith("module-2.yaml: m2-d6-c1: quotes “What happened?”") for p in problems)
    assert len(problems) == 3


def test_a_cut_and_a_changed_capital_are_marked_and_still_match() -> None:
    library = Library(documents=["Report"], passages=[
        Passage(source="Report", text="Raised my confidence to speak up, particularly in class")])
    assert is_quoted_from("[r]aised my confidence...in class", library)
    assert is_quoted_from("Raised my confidence [...] particularly in class", library)
    assert not is_quoted_from("raised my confidence", library)  # a changed capital must be marked
    assert not is_quoted_from("Raised my confidence to speak up in class", library)  # a silent cut
    assert quotations("She said <i>“Raised my confidence”</i>, and ‘What happened?’ is ours.") == [
        "Raised my confidence"]


def test_every_card_names_a_listed_source_or_general_or_own(tmp_path: Path) -> None:
    folder = _shipped_copy(tmp_path)
    module_1 = folder / "module-1.yaml"
    _edit(module_1, "        id: m1-d2-c1\n        source: general\n", "        id: m1-d2-c1\n")
    _edit(module_1, "id: m1-d8-c1\n        source: \"Communities that care: whole-school approach\"",
          "id: m1-d8-c1\n        source: A blog post")
    problems = _problems(folder)
    assert ("module-1.yaml: m1-d2-c1: names no source: give a document title from sources.yaml, 'general' "
            "for general knowledge of Scottish practice, or 'own' if it states no fact") in problems
    assert "module-1.yaml: m1-d8-c1: names source 'A blog post', not one of the documents in sources.yaml" \
        in problems


def test_a_passage_must_come_from_a_listed_document_and_the_file_must_exist(tmp_path: Path) -> None:
    folder = _shipped_copy(tmp_path)
    _edit(folder / "sources.yaml", "  - source: \"Communities that care: whole-school approach\"\n    text:",
          "  - source: \"An unlisted leaflet\"\n    text:")
    assert any(p.startswith("sources.yaml: passage ") and "“How well do we create" in p and
               p.endswith("source 'An unlisted leaflet', not one of the documents listed in sources.yaml")
               for p in _problems(folder))
    (folder / "sources.yaml").unlink()
    assert any(p.startswith("sources.yaml: (file): missing from") for p in _problems(folder))


def test_general_knowledge_cards_are_listed_for_sign_off() -> None:
    general = general_cards(load_course())
    assert "m1-d10-c2" in general and "m1-d2-c1" in general
    assert "m1-d1-c2" not in general


def test_the_shipped_safety_advice_passes_worries_on_and_names_the_coordinator() -> None:
    course = load_course()
    cards = {s.id: plain(s.text) for m in course.modules for d in m.drops for s in d.steps
             if isinstance(s, ReadStep)}
    for privacy_card in ("m1-d8-c2", "m3-d8-c2"):
        assert "always passed on, following your school's child protection procedures" in cards[privacy_card]
    assert "only on an occupational therapist's advice" in cards["m2-d5-c2"]
    first = course.modules[0]
    check_step = next(s for d in first.drops for s in d.steps if s.id == "m1-d10-q1")
    assert isinstance(check_step, QuizStep)
    assert "child protection coordinator" in check_step.options[check_step.answer].text


def test_the_outcomes_once_only_touched_are_taught_in_two_drops_and_checked_by_a_quiz() -> None:
    course = load_course()
    for outcome in ("m1-o3", "m2-o2", "m3-o2", "m3-o3", "m3-o4"):
        drops = [d for m in course.modules for d in m.drops if outcome in d.outcomes]
        assert len(drops) >= 2, outcome
        assert any(isinstance(s, QuizStep) for d in drops for s in d.steps), outcome
    voices = [d for d in course.modules[0].drops if "m1-o4" in d.outcomes]
    assert any(isinstance(s, ReflectStep) and "choice" in s.prompt for d in voices for s in d.steps)
