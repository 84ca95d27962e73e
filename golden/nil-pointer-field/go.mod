module example.com/golden/nil-pointer-field

go 1.22
