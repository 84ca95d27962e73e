module example.com/golden/string-builder

go 1.22
