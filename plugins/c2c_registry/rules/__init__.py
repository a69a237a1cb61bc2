"""What a valid registry is, and what is worth a reviewer's look.

rules.py is the catalogue every problem names (tied to the README's table by a test);
problems.py is a problem and how it prints. The checks a schema cannot express run
over every file read (checks.py lists them, by family: names.py, references.py,
dates.py, images.py, over corpus.py); the content-quality warnings run over the typed
registry (quality.py, with leads.py). Rules import nothing of load/ at run time: they
look at the records it reads.

Nothing is re-exported here: import from the module that defines it.
"""
