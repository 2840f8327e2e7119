from keys.cli import keys_group
from keys.console import run

run(keys_group)
