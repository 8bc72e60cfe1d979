from bench import resources

resources.main()
