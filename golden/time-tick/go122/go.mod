module example.com/golden/time-tick/go122

go 1.22
