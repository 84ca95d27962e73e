module example.com/golden/json-encoder

go 1.22
