module example.invalid/sectigo-sps/examples/go

go 1.24

require example.invalid/sectigo-sps/go v0.0.0

// The package is used from this checkout (it links the library built in ../../target).
replace example.invalid/sectigo-sps/go => ../../go
