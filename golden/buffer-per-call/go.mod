module example.com/golden/buffer-per-call

go 1.22
