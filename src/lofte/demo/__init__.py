"""The demo: Strängnäs' real promises with invented activity records (`lofte demo`)."""
