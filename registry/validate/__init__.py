"""Validation: the engine interface, engines, and the one report model every face renders."""
