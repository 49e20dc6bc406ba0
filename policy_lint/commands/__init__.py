"""Sub-commands of ``policy-lint``, one module each (registered in ``policy_lint.cli``)."""
