from newsweave.entry import main

main()
