"""`newsbot eval`: score digest cards against reference summaries, with baselines."""
