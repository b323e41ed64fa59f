"""Questions asked of a loaded corpus: the stance matrix, article and claims diffs, a country across
meetings, and the queries behind the app's panes. Writes nothing."""
