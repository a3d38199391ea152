"""``python -m framing`` runs the command-line interface."""

from framing.cli import main

if __name__ == "__main__":
    main()
