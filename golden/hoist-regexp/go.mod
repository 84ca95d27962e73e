module example.com/golden/hoist-regexp

go 1.22
