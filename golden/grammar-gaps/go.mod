module example.com/golden/grammar-gaps

go 1.26
