module example.com/golden/sprintf-strconv

go 1.22
