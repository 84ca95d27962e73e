module example.com/emptyprofile

go 1.22
