"""The demo data's orchestrator, on the top floor: each app seeds its own (``<app>/demo/``) and
the commands here run them in order (``seed_demo``, ``seed_strategies``)."""
