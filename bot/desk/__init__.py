"""The ktp-bot command line at the desk, calling the same use cases as the chat."""
