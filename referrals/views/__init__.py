"""Views of the clinical workspace, thin: forms in, services do the work."""
