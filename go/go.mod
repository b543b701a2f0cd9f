module example.invalid/sectigo-sps/go

// 1.24 for runtime.AddCleanup.
go 1.24
