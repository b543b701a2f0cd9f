module example.invalid/sectigo-sps/bench/go

go 1.24

require example.invalid/sectigo-sps/go v0.0.0

replace example.invalid/sectigo-sps/go => ../../go
