from glocal.cli import main

main()
