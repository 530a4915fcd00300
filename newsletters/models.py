"""Models of the newsletters app."""
