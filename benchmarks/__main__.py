from benchmarks.pages import main

main()
