module example.com/golden/all-transforms

go 1.22
