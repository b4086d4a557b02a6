"""Analyses over computed indicators: trend tests (``trends``) and policy effects
(``effects``). Each returns frozen results the CLI prints and the report renders."""
