"""What the worker process (``_entry``) tells the API: how to report ready and wait for go.

Without a control process (a test, a script), ready and go are no-ops.
"""


class _Runtime:
    def __init__(self):
        self.on_ready = None
        self.wait_for_go = None
        self.is_ready = False

    def ready(self):
        """Tells control that this process checked its buffers; once."""
        if self.is_ready:
            return
        self.is_ready = True
        if self.on_ready is not None:
            self.on_ready()

    def go(self):
        """Blocks until control lets data flow (reports ready first)."""
        self.ready()
        if self.wait_for_go is not None:
            self.wait_for_go()
            self.wait_for_go = None


runtime = _Runtime()
