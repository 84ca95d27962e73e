module example.com/golden/field-alignment

go 1.22
