"""The UN Letters edition: validate the TEI corpus and build its reading editions.

The package is small on purpose: one module per job (load, validate, transform, write),
so that a newcomer can find where a thing happens from the module name alone.
"""
