module example.com/golden/byte-conversions

go 1.22
