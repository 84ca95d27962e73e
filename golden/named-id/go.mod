module example.com/golden/named-id

go 1.22
