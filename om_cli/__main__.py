from om_cli.cli import run

run()
