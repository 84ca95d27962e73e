module example.com/golden/sentinel-error

go 1.22
