"""ktp-bot try: the real bot against the local stand-in, in a terminal."""
