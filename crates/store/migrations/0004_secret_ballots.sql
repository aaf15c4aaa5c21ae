-- Secret ballots bound to their voter (issue 8). The electorate row keeps a hash of the elector and the
-- receipt they were given (`governance::ballot_lock`) while the vote is open, so only that elector, with
-- that receipt, may change the ballot; the ballot row still holds neither voter nor time. The closing
-- transaction erases the hashes.
ALTER TABLE decision_electorate ADD COLUMN ballot_lock TEXT;
