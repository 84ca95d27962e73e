module example.com/golden/result-slice

go 1.22
