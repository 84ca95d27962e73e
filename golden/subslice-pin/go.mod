module example.com/golden/subslice-pin

go 1.22
