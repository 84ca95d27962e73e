module example.com/golden/set-finalizer

go 1.24
