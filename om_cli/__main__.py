from om_cli.entry import run

run()
