module example.com/golden/make-append

go 1.22
