from coalition_tui.cli import main

raise SystemExit(main())
