module example.com/golden/goroutine-args/go122

go 1.22
