from intake.cli import intake_group
from keys.console import run

run(intake_group)
