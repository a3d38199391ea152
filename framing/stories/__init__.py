"""Stories: group articles that report one event, align what each outlet says, show what each leaves out."""
