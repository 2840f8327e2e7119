from redact.cli.main import main

main()
