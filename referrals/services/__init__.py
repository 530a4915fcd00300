"""Business rules of the workspace, one module per concern. Views, tasks and tests call these."""
