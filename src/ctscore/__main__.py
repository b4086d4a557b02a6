from ctscore.cli import main

main()
