# Convenience aliases; the portable commands are `python3 tasks.py demo` and `python3 tasks.py test`.
.PHONY: demo test
demo:
	python3 tasks.py demo
test:
	python3 tasks.py test
